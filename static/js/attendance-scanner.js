// Attendance scanner of the trainer's page (learning:session_attendance).
// Where the browser has BarcodeDetector and a camera, a "scan" button reads participants' QR codes
// and submits each code through the same form a trainer types into; elsewhere the code field alone
// is shown, and it always works.
(function () {
  "use strict";
  var box = document.getElementById("scanner");
  var form = document.getElementById("code-form");
  var field = document.getElementById("id_code");
  if (!box || !form || !field || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  box.hidden = false;
  var video = document.getElementById("scanner-video");
  document.getElementById("scanner-start").addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        return video.play().then(function () {
          var tick = function () {
            detector
              .detect(video)
              .then(function (codes) {
                if (codes.length) {
                  stream.getTracks().forEach(function (t) { t.stop(); });
                  field.value = codes[0].rawValue;
                  form.submit();
                } else {
                  window.requestAnimationFrame(tick);
                }
              })
              .catch(function () { window.requestAnimationFrame(tick); });
          };
          tick();
        });
      })
      .catch(function () {
        box.hidden = true; // no camera or permission refused: the code field remains
        field.focus();
      });
  });
})();
