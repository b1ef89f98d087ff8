export { HealthController } from './health.controller.js';
export { HealthModule } from './health.module.js';
export {
  type HealthCheck,
  type HealthCheckResult,
  HealthRegistry,
  type HealthReport,
  type HealthStatus,
  type RegisterOptions,
} from './health.registry.js';
