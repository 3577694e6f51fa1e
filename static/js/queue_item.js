// The review queue's item page: a ready-made reason fills the hide form's reason field,
// where the moderator can still edit it. Without JavaScript the field is typed by hand.
document.querySelectorAll(".ready-reason").forEach((button) => {
  button.addEventListener("click", () => {
    const field = button.closest("form").querySelector("textarea[name=reason]");
    field.value = button.dataset.reason;
    field.focus();
  });
});
// Removing a spammer asks once more (CSP allows no inline handlers).
document.querySelectorAll("[data-confirm]").forEach((button) => {
  button.addEventListener("click", (event) => {
    if (!window.confirm(button.dataset.confirm)) event.preventDefault();
  });
});
