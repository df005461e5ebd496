import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The packages resolve to their built dist/, as in any app that installed them: `npm run build` first.
export default defineConfig({
  plugins: [react()],
});
