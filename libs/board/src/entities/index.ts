import { BoardMeeting } from './board-meeting.entity.js';
import { MeetingUpdate } from './meeting-update.entity.js';
import { RecommendationLink } from './recommendation-link.entity.js';

export * from './board-meeting.entity.js';
export * from './meeting-update.entity.js';
export * from './recommendation-link.entity.js';

/** Registered with the connection by BoardModule (TypeOrmModule.forFeature). */
export const BOARD_ENTITIES = [RecommendationLink, BoardMeeting, MeetingUpdate];
