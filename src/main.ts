import './styles.css';
import './ui/app-shell';
