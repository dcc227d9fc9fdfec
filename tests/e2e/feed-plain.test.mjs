import { feedSuite } from './feed-suite.mjs';

feedSuite({ strict: false });
