import { mount } from '../shell.js';
import { Prompt } from './Prompt.js';

mount(() => <Prompt />);
