import { mount } from '../shell.js';
import { Stage } from './Stage.js';

mount(() => <Stage />);
