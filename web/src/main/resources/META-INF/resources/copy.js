// Copies the text of the element a button names in data-copy, and says so beside the button. Loaded as a file: pages
// allow no inline script (Content-Security-Policy).
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  const said = button.parentElement.querySelector('.copied');
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    if (said) said.textContent = 'Copied.';
  } catch (e) {
    // no clipboard (an insecure origin, say): select the text for the user to copy
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (said) said.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
});
