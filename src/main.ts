import './styles.css';
import './ui/app-shell';
import { startPwa } from './pwa/register';

startPwa();
