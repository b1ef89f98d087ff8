import 'reflect-metadata';
import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type AppConfig, loadConfig } from './app-config.js';
import { APP_CONFIG, ConfigModule } from './config.module.js';

@Injectable()
class Consumer {
  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {}
}

@Module({ providers: [Consumer], exports: [Consumer] })
class FeatureModule {}

describe('ConfigModule', () => {
  it('provides the given config to every module', async () => {
    const config = loadConfig({ PORT: '4000' });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), FeatureModule] }).compile();
    expect(moduleRef.get(Consumer).config).toBe(config);
  });

  it('reads the environment when given no config', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(), FeatureModule] }).compile();
    expect(moduleRef.get(Consumer).config).toEqual(loadConfig(process.env));
  });
});
