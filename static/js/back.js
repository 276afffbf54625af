// "Cancel" links that go back one page: the Content Security Policy forbids href="javascript:…".
// Without history (a page opened directly) the link's own href is followed.
document.querySelectorAll("a[data-back]").forEach((link) => {
  link.addEventListener("click", (event) => {
    if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
});
