// The print button of the printable pages: the Content Security Policy forbids onclick="…".
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
