// Optional comfort: a Copy button for the draft. Without JavaScript the textarea still works.
for (const button of document.querySelectorAll("button[data-target]")) {
  const target = document.getElementById(button.dataset.target);
  if (!target || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(target.value);
    button.textContent = "Copied";
  });
}
