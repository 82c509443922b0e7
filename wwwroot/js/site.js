// Behaviour that used to be inline handlers (the Content-Security-Policy allows no inline script without a nonce).
document.addEventListener('click', function (e) {
    var button = e.target.closest('[data-print]');
    if (button) window.print();
});
document.addEventListener('submit', function (e) {
    if (!e.target.matches('form[data-disable-on-submit]')) return;
    e.target.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
});
