// Behaviour that used to be inline handlers (the Content-Security-Policy allows no inline script without a nonce).
document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-print]');
    if (button) window.print();
});
document.addEventListener('submit', function (e) {
    if (!e.target.matches('form[data-disable-on-submit]')) return;
    e.target.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
});
// Read aloud (朗读): a [data-read-aloud="#selector"] button reads that part of the page in the page's language with the
// browser's speech synthesis. Progressive enhancement: the button stays hidden where the browser has no such voice.
(function () {
    var buttons = document.querySelectorAll('[data-read-aloud]');
    if (!buttons.length || !('speechSynthesis' in window) || typeof SpeechSynthesisUtterance === 'undefined') return;
    var lang = (document.documentElement.lang || 'zh-CN').toLowerCase();
    var prefix = lang.split('-')[0];
    function voice() {
        var voices = window.speechSynthesis.getVoices() || [];
        var exact = null, near = null;
        for (var i = 0; i < voices.length; i++) {
            var v = (voices[i].lang || '').toLowerCase().replace('_', '-');
            if (v === lang) { exact = voices[i]; break; }
            if (!near && v.split('-')[0] === prefix) near = voices[i];
        }
        return exact || near;
    }
    function reveal() {
        if (!voice()) return;
        for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
    }
    function reset(button) {
        button.setAttribute('aria-pressed', 'false');
        if (button.dataset.labelRead) button.textContent = button.dataset.labelRead;
    }
    reveal();
    if (window.speechSynthesis.addEventListener) window.speechSynthesis.addEventListener('voiceschanged', reveal);
    document.addEventListener('click', function (e) {
        var button = e.target.closest('[data-read-aloud]');
        if (!button) return;
        if (button.getAttribute('aria-pressed') === 'true') {
            window.speechSynthesis.cancel();
            reset(button);
            return;
        }
        var target = document.querySelector(button.getAttribute('data-read-aloud'));
        if (!target) return;
        var clone = target.cloneNode(true);
        var skip = clone.querySelectorAll('[data-read-aloud], script, style');
        for (var i = 0; i < skip.length; i++) skip[i].remove();
        var utterance = new SpeechSynthesisUtterance((clone.innerText || clone.textContent || '').trim());
        utterance.lang = document.documentElement.lang || 'zh-CN';
        try { utterance.voice = voice(); } catch (ignored) { /* a stand-in voice: the language alone picks one */ }
        utterance.rate = 0.9;
        utterance.onend = function () { reset(button); };
        window.speechSynthesis.cancel();
        button.dataset.labelRead = button.textContent;
        if (button.dataset.labelStop) button.textContent = button.dataset.labelStop;
        button.setAttribute('aria-pressed', 'true');
        window.speechSynthesis.speak(utterance);
    });
})();
// A table wider than the phone scrolls sideways: keyboard users can focus it to scroll too.
(function () {
    function mark() {
        var regions = document.querySelectorAll('.table-responsive');
        for (var i = 0; i < regions.length; i++) {
            var r = regions[i];
            if (r.scrollWidth > r.clientWidth) { if (!r.hasAttribute('tabindex')) r.setAttribute('tabindex', '0'); }
            else if (r.getAttribute('tabindex') === '0') r.removeAttribute('tabindex');
        }
    }
    mark();
    window.addEventListener('resize', mark);
    window.addEventListener('load', mark);
})();
// Length counter (issue 17): a text field with a limit shows it and counts as one types. The browser's own maxlength
// is lifted so a pasted text is never cut silently; the server refuses a too-long text with a message and keeps it.
(function () {
    var template = document.body.getAttribute('data-count-text') || '{0}/{1}';
    var selector = 'input[maxlength], textarea[maxlength], input[data-val-maxlength-max], textarea[data-val-maxlength-max], ' +
        'input[data-val-length-max], textarea[data-val-length-max]';
    var fields = document.querySelectorAll(selector);
    for (var i = 0; i < fields.length; i++) (function (field, i) {
        var type = (field.getAttribute('type') || 'text').toLowerCase();
        if (field.tagName !== 'TEXTAREA' && ['text', 'search', 'email', 'url'].indexOf(type) < 0) return;
        var max = parseInt(field.getAttribute('maxlength') || field.getAttribute('data-val-maxlength-max') || field.getAttribute('data-val-length-max'), 10);
        if (!(max >= 30)) return; // codes and phone numbers: the limit is the format, not a length to watch
        field.removeAttribute('maxlength');
        var counter = document.createElement('div');
        counter.className = 'form-text length-counter';
        counter.id = (field.id || 'field-' + i) + '-count';
        field.insertAdjacentElement('afterend', counter);
        var described = field.getAttribute('aria-describedby');
        field.setAttribute('aria-describedby', (described ? described + ' ' : '') + counter.id);
        function update() {
            var n = field.value.length; // UTF-16 units, as the server counts
            counter.textContent = template.replace('{0}', n).replace('{1}', max);
            counter.classList.toggle('text-danger', n > max);
        }
        field.addEventListener('input', update);
        update();
    })(fields[i], i);
})();
