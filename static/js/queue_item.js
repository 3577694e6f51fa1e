// The review queue's item page: a ready-made reason fills the hide form's reason field,
// where the moderator can still edit it. Without JavaScript the field is typed by hand.
document.querySelectorAll(".ready-reason").forEach((button) => {
  button.addEventListener("click", () => {
    const field = button.closest("form").querySelector("textarea[name=reason]");
    field.value = button.dataset.reason;
    field.focus();
  });
});
