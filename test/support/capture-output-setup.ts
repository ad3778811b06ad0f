// Unit tests read what the functions log and the metrics they emit; see captured-output.ts.
import { clearCapturedOutput, installOutputCapture } from './captured-output.ts';

const restore = installOutputCapture();
beforeEach(() => clearCapturedOutput());
afterAll(() => restore());
