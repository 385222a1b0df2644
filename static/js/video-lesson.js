/* The video lesson player (templates/learning/includes/video_player.html).
 *
 * Reports which parts of the video the learner actually watched — [start, end] ranges in seconds,
 * a seek closes a range — to the lesson's watched-time API while playing (every few seconds, on
 * pause and at the end). The server merges the ranges, bounds them by the real time elapsed and
 * the video's duration, and completes the lesson at the configured share.
 */
(function () {
    "use strict";
    var box = document.querySelector("[data-video-lesson]");
    if (!box) {
        return;
    }
    var video = box.querySelector("video");
    var status = document.getElementById("video-status");
    var csrf = box.querySelector("input[name=csrfmiddlewaretoken]").value;
    var queue = Promise.resolve();
    var started = false;
    var closed = [];
    var from = null;
    var last = null;

    function post(url, body) {
        queue = queue.then(function () {
            return fetch(url, {
                method: "POST",
                credentials: "same-origin",
                headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
                body: JSON.stringify(body)
            }).then(function (response) {
                return response.json();
            }).then(function (data) {
                if (data.message) {
                    status.textContent = data.message;
                } else if (typeof data.percent === "number") {
                    status.dataset.percent = String(data.percent);
                    status.textContent = box.dataset.watchedLabel.replace("{percent}", data.percent) +
                        (data.completed ? " " + box.dataset.doneLabel : "");
                }
            }).catch(function () {
                return null;
            });
        });
        return queue;
    }

    function closeRange() {
        if (from !== null && last !== null && last > from) {
            closed.push([from, last]);
        }
        from = null;
        last = null;
    }

    function report() {
        var ranges = closed.slice();
        if (from !== null && last !== null && last > from) {
            ranges.push([from, last]);
            from = last;
        }
        closed = [];
        if (ranges.length) {
            post(box.dataset.progressUrl, { ranges: ranges });
        }
    }

    video.addEventListener("play", function () {
        if (!started) {
            started = true;
            post(box.dataset.startUrl, {});
        }
        from = video.currentTime;
        last = video.currentTime;
    });
    video.addEventListener("timeupdate", function () {
        if (from === null || video.seeking) {
            return;
        }
        var now = video.currentTime;
        if (now < last || now - last > 2) {
            closeRange();
            from = now;
        }
        last = now;
    });
    video.addEventListener("seeking", closeRange);
    video.addEventListener("seeked", function () {
        if (!video.paused) {
            from = video.currentTime;
            last = video.currentTime;
        }
    });
    video.addEventListener("pause", function () {
        report();
        closeRange();
    });
    video.addEventListener("ended", function () {
        last = video.duration;
        report();
        closeRange();
    });
    window.setInterval(function () {
        if (!video.paused) {
            report();
        }
    }, 5000);
}());
