import { mount } from '../shell.js';
import { After } from './After.js';

mount(() => <After />);
