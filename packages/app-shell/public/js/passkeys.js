// Passkeys in the browser: the two WebAuthn ceremonies, with @simplewebauthn/browser (served by
// the app at /js/simplewebauthn-browser.js; no inline script, no CDN). Buttons opt in with
// data-passkey="register" (the passkeys page) or data-passkey="sign-in" (the login page).
(function () {
  'use strict';

  function csrfToken() {
    var field = document.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }

  function postJson(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify(body || {}),
    }).then(function (res) {
      return res.json().then(function (data) {
        if (!res.ok) throw new Error((data && (data.message || data.detail)) || 'The request failed.');
        return data;
      });
    });
  }

  function show(button, message) {
    var out = document.querySelector('[data-passkey-status]');
    if (out) out.textContent = message;
    button.disabled = false;
  }

  function register(button) {
    button.disabled = true;
    postJson('/account/passkeys/options')
      .then(function (options) {
        return SimpleWebAuthnBrowser.startRegistration({ optionsJSON: options });
      })
      .then(function (credential) {
        return postJson('/account/passkeys/verify', credential);
      })
      .then(function () {
        window.location.reload();
      })
      .catch(function (error) {
        show(button, 'No passkey was added: ' + error.message);
      });
  }

  function signIn(button) {
    button.disabled = true;
    var next = document.querySelector('input[name="next"]');
    postJson('/login/passkey/options', { next: next ? next.value : '' })
      .then(function (options) {
        return SimpleWebAuthnBrowser.startAuthentication({ optionsJSON: options });
      })
      .then(function (assertion) {
        return postJson('/login/passkey/verify', assertion);
      })
      .then(function (result) {
        window.location.assign(result.next);
      })
      .catch(function (error) {
        show(button, 'Could not sign in with a passkey: ' + error.message);
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.PublicKeyCredential || typeof SimpleWebAuthnBrowser === 'undefined') return;
    document.querySelectorAll('button[data-passkey]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        if (button.dataset.passkey === 'register') register(button);
        else signIn(button);
      });
    });
  });
})();
