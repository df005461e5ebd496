/** Markup and script an attacker might put in every text field an expert controls. */
export const INJECTION = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><b>bold</b>"'&amp;`;
