import { render } from 'preact';

render(<p>Lureguard</p>, document.getElementById('app')!);
