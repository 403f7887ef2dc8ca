// The check page without JavaScript is a plain form; this adds dropping files and a progress indicator.
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  if (!form) { return; }
  var input = document.getElementById("files");
  var zone = document.getElementById("drop-zone");
  zone.hidden = false;
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      var names = [];
      for (var i = 0; i < input.files.length; i++) { names.push(input.files[i].name); }
      zone.textContent = names.join(", ");
    }
  });
  form.addEventListener("submit", function () {
    var progress = document.getElementById("progress");
    var elapsed = document.getElementById("elapsed");
    var start = Date.now();
    progress.hidden = false;
    document.getElementById("submit").disabled = true;
    elapsed.textContent = "0";
    window.setInterval(function () { elapsed.textContent = String(Math.round((Date.now() - start) / 1000)); }, 500);
  });
}());
