import { feedSuite } from './feed-suite.mjs';

feedSuite({ strict: true });
