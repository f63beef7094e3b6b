import { mount } from '../shell.js';
import { Config } from './Config.js';

mount(() => <Config />);
