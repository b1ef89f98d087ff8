import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Refusal } from '../../kernel/refusal.js';
import { ReadsFrom } from '../../platform/projections/read-your-writes.js';
import { PublishedArticles, type PublishedLookup } from './published-articles.js';
import type { LatestNewsPage, PublishedArticleView, WithdrawnArticleView } from './published-view.js';
import { LatestNewsQueryDto } from './publishing.dto.js';

/**
 * What the live site renders. Public content, but behind an API key like every route: any role may
 * read it (services, and the newsroom checking what readers see).
 */
@ApiTags('published')
@ApiBearerAuth()
@Controller('v1/published')
@ReadsFrom('publishing')
export class PublishedController {
  constructor(private readonly published: PublishedArticles) {}

  @Get()
  @ApiOperation({ summary: 'Latest news: published articles, newest first, cursor-paginated, optionally by topic' })
  latest(@Query() query: LatestNewsQueryDto): LatestNewsPage {
    return this.published.latest({
      limit: query.limit ?? 20,
      ...(query.topic === undefined ? {} : { topic: query.topic }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
  }

  @Get('by-id/:id')
  @ApiOperation({ summary: 'A published article by id (withdrawn: its notice; taken down: 410)' })
  @ApiOkResponse({ description: 'The live article, or { status: "withdrawn", notice }' })
  @ApiNotFoundResponse({ description: 'Never published' })
  @ApiGoneResponse({ description: 'Taken down' })
  byId(@Param('id', ParseUUIDPipe) id: string): PublishedArticleView | WithdrawnArticleView {
    return answer(this.published.byId(id), id);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'A published article by slug (withdrawn: its notice; taken down: 410)' })
  @ApiOkResponse({ description: 'The live article, or { status: "withdrawn", notice }' })
  @ApiNotFoundResponse({ description: 'No article was published under this slug' })
  @ApiGoneResponse({ description: 'Taken down' })
  bySlug(@Param('slug') slug: string): PublishedArticleView | WithdrawnArticleView {
    return answer(this.published.bySlug(slug), slug);
  }
}

function answer(lookup: PublishedLookup, key: string): PublishedArticleView | WithdrawnArticleView {
  switch (lookup.kind) {
    case 'published':
    case 'withdrawn':
      return lookup.article;
    case 'gone':
      throw new Refusal('gone', 'gone', 'This article has been removed.');
    case 'not_found':
      throw new Refusal('not_found', 'not_found', `No published article ${key}.`);
  }
}
