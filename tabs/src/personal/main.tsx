import { mount } from '../shell.js';
import { Personal } from './Personal.js';

mount(() => <Personal />);
