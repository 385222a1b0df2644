/* Inputs the Wagtail editor creates itself, with no accessible name of their own: the tag field's
   typing input (tag-it) and the rich-text editors (Draftail) of stream blocks. Each gets the name
   of the field or block it belongs to, so a screen reader says what the input is for. */
(function () {
    "use strict";
    function labelFor(input) {
        var field = input.closest("[data-field-wrapper], .w-field__wrapper, .w-field");
        var source = field ? field.querySelector("input[type=hidden][id], input[id]:not(.ui-autocomplete-input)") : null;
        var label = source ? document.querySelector('label[for="' + source.id + '"]') : null;
        if (!label && field) {
            label = field.querySelector("label");
        }
        return label ? label.textContent.replace(/\s+/g, " ").replace(/\*$/, "").trim() : "";
    }
    function blockName(editor) {
        var field = editor.closest(".w-field");
        var label = field ? field.querySelector(".w-field__label, label") : null;
        if (!label) {
            var block = editor.closest("[data-contentpath]");
            var header = block ? block.closest("section, .c-sf-container__block-container") : null;
            label = header ? header.querySelector(".c-sf-block__type, [data-block-type-label]") : null;
        }
        return label ? label.textContent.replace(/\s+/g, " ").replace(/\*$/, "").trim() : "";
    }
    function labelAll(root) {
        var scope = root.querySelectorAll ? root : document;
        scope.querySelectorAll(".ui-autocomplete-input:not([aria-label])").forEach(function (input) {
            input.setAttribute("aria-label", labelFor(input) || "Tag");
        });
        scope.querySelectorAll('[role="textbox"][contenteditable]:not([aria-label]):not([aria-labelledby])').forEach(function (editor) {
            editor.setAttribute("aria-label", blockName(editor) || "Teks");
        });
    }
    document.addEventListener("DOMContentLoaded", function () {
        labelAll(document);
        new MutationObserver(function (changes) {
            changes.forEach(function (change) {
                change.addedNodes.forEach(function (node) {
                    if (node.nodeType === 1) {
                        labelAll(node.parentNode || node);
                    }
                });
            });
        }).observe(document.body, {childList: true, subtree: true});
    });
})();
