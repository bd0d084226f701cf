// Organiser pages. External file: the CSP forbids inline scripts. The pages work without it.
// Drops the filter form's empty fields before it is sent, so the address (and every link built from it) stays short.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains("filters")) return;
  for (const field of form.querySelectorAll("select, input")) {
    if (field.name && field.value === "") field.removeAttribute("name");
  }
});
