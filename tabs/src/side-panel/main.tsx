import { mount } from '../shell.js';
import { SidePanel } from './SidePanel.js';

mount(() => <SidePanel />);
