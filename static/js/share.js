// "Copy link" appears only where the Clipboard API exists; the plain share links work without it.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy-url]").forEach(function (button) {
    var status = button.closest(".share").querySelector(".share-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copyUrl).then(
        function () { status.textContent = "Link copied."; },
        function () { status.textContent = "Could not copy; copy the address bar instead."; }
      );
    });
  });
})();
