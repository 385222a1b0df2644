// Attendance scanner of the trainer's page (learning:session_attendance).
// Where the browser has a camera, a "scan" button reads participants' QR codes (from their phone or
// from the printed list) and submits each code through the same form a trainer types into. The
// browser's own BarcodeDetector reads the frames where it exists (Chrome on Android); elsewhere
// (Safari on iPhone, desktop Chrome and Firefox) the vendored jsQR (static/vendor/jsqr/) reads them
// from a canvas. Without a camera the code field alone is shown, and it always works.
(function () {
  "use strict";
  var box = document.getElementById("scanner");
  var form = document.getElementById("code-form");
  var field = document.getElementById("id_code");
  if (!box || !form || !field || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var hasJsQR = typeof window.jsQR === "function";
  if (!("BarcodeDetector" in window) && !hasJsQR) {
    return;
  }
  box.hidden = false;
  var video = document.getElementById("scanner-video");
  var status = document.getElementById("scanner-status");

  // The browser's detector when it reads QR codes (some browsers have the API without the format).
  var nativeReads = "BarcodeDetector" in window
    ? window.BarcodeDetector.getSupportedFormats()
      .then(function (formats) { return formats.indexOf("qr_code") !== -1; })
      .catch(function () { return false; })
    : Promise.resolve(false);

  // A reader of the current video frame: a promise of the QR code's text, or null.
  function nativeReader() {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    return function () {
      return detector.detect(video).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    };
  }

  function jsQRReader() {
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    return function () {
      var width = video.videoWidth;
      var height = video.videoHeight;
      if (!width || !height) {
        return Promise.resolve(null);
      }
      canvas.width = width;
      canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      var image = context.getImageData(0, 0, width, height);
      var code = window.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
      return Promise.resolve(code && code.data ? code.data : null);
    };
  }

  document.getElementById("scanner-start").addEventListener("click", function () {
    var readFrame;
    nativeReads
      .then(function (native) {
        if (!native && !hasJsQR) {
          throw new Error("no QR reader");
        }
        readFrame = native ? nativeReader() : jsQRReader();
        return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        if (status) {
          status.textContent = status.getAttribute("data-scanning");
        }
        return video.play().then(function () {
          var tick = function () {
            readFrame()
              .then(function (text) {
                if (text) {
                  stream.getTracks().forEach(function (t) { t.stop(); });
                  field.value = text;
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
