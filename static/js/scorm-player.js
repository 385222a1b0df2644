/* The SCORM player of a lesson page (templates/learning/includes/scorm_player.html).
 *
 * Puts scorm-again's runtime where a SCO looks for it (window.API for SCORM 1.2, window.API_1484_11
 * for SCORM 2004), starts it from the learner's stored data (resume: status, location, suspend data),
 * and only then loads the package into the sandboxed frame. Every commit of the SCO is sent
 * synchronously, as SCORM expects, to the lesson's tracking API (JSON, CSRF header, one player
 * session per page load).
 */
(function () {
    "use strict";
    var box = document.querySelector("[data-scorm-player]");
    if (!box || !window.Scorm12API || !window.Scorm2004API) {
        return;
    }
    var state = JSON.parse(document.getElementById("scorm-state").textContent);
    var csrf = box.querySelector("input[name=csrfmiddlewaretoken]").value;
    var session = Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
    var status = document.getElementById("scorm-status");
    var settings = {
        lmsCommitUrl: box.dataset.commitUrl + "?sesi=" + encodeURIComponent(session),
        dataCommitFormat: "flattened",
        autocommit: true,
        autocommitSeconds: 30,
        xhrHeaders: { "X-CSRFToken": csrf },
        logLevel: 4,
        xhrResponseHandler: function (xhr) {
            var body = {};
            try {
                body = JSON.parse(xhr.responseText);
            } catch (error) {
                body = {};
            }
            if (xhr.status >= 200 && xhr.status < 300 && body.result) {
                if (body.completed && status) {
                    status.textContent = status.dataset.done || "Paket ini sudah Anda selesaikan.";
                }
                return { result: true, errorCode: 0 };
            }
            if (status && body.message) {
                status.textContent = body.message;
            }
            return { result: false, errorCode: 101 };
        }
    };
    var api;
    if (box.dataset.version === "1.2") {
        api = new window.Scorm12API(settings);
        window.API = api;
    } else {
        api = new window.Scorm2004API(settings);
        window.API_1484_11 = api;
    }
    api.loadFromFlattenedJSON(state, "");
    box.querySelector("iframe").src = box.dataset.launchUrl;
}());
