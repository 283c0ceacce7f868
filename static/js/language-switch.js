// The language switch sends the reader back to `next`, rendered by the server as the page's
// address. htmx changes the address without a reload (?q=…, ?entity=…) and links add a
// #fragment, so refresh `next` from the address bar at the moment the form is sent.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.matches(".language-switch")) {
    form.elements.next.value = location.pathname + location.search + location.hash;
  }
});
