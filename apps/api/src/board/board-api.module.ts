import { Module } from '@nestjs/common';
import { BoardModule } from '#board';
import { TrackingModule } from '#tracking';
import { BoardController } from './board.controller.js';

/** The board's routes: Ofsted's deadlines, meetings and cycle updates, repeated recommendations, the pack. */
@Module({
  imports: [TrackingModule, BoardModule],
  controllers: [BoardController],
})
export class BoardApiModule {}
