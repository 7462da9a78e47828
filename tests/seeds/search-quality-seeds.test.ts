/** Search quality on the seed bulletins of ../shared/seeds (`npm run test:seeds`). */
import { searchQualitySuite } from "../fixtures/search/quality-suite.ts";

searchQualitySuite("seeds");
