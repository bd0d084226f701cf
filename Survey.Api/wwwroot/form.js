/*
 * Resident form, progressive enhancement. Without this script the form posts to the server (POST /q/{id}) and works.
 * With it: a "multi" question refuses ticks beyond its maximum and says why; conditional questions appear and
 * disappear with the controlling answer (a hidden question's answers are cleared); an "other" text box is enabled
 * only while its option is ticked; submission goes to the JSON API with an Idempotency-Key made once per page load,
 * so a double tap or a retry after a network failure stores one response; errors are shown beside their questions.
 * Written in ES5 for old phone browsers; no inline script or style is used (see the Content-Security-Policy).
 */
(function () {
  'use strict';
  var form = document.getElementById('survey-form');
  if (!form || !document.querySelectorAll) return;

  var questions = toArray(form.querySelectorAll('fieldset.question'));
  var byId = {};
  questions.forEach(function (fieldset) { byId[fieldset.getAttribute('data-question')] = fieldset; });
  var button = document.getElementById('submit');
  var status = document.getElementById('form-status');
  var summary = document.getElementById('form-errors');
  var idempotencyKey = newKey();
  var sending = false;

  function toArray(list) { return Array.prototype.slice.call(list); }

  /** A random key for this page load: crypto.randomUUID where available (secure contexts), else random bytes, else Math.random. */
  function newKey() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === 'function') return c.randomUUID();
    if (c && typeof c.getRandomValues === 'function') {
      var bytes = new Uint8Array(16);
      c.getRandomValues(bytes);
      return toArray(bytes).map(function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
    }
    return 'k' + new Date().getTime().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }

  function choiceInputs(fieldset) { return toArray(fieldset.querySelectorAll('input[type="radio"], input[type="checkbox"]')); }

  function chosen(fieldset) {
    return choiceInputs(fieldset).filter(function (input) { return input.checked; }).map(function (input) { return input.value; });
  }

  function questionOf(element) {
    while (element && !(element.tagName === 'FIELDSET' && element.className.indexOf('question') >= 0)) element = element.parentNode;
    return element;
  }

  /** The note under a question saying why a tick was refused; created on first use. */
  function limitNote(fieldset, message) {
    var note = fieldset.querySelector('.limit');
    if (!note) {
      if (!message) return;
      note = document.createElement('p');
      note.className = 'limit';
      note.setAttribute('role', 'status');
      note.id = fieldset.id + '-limit';
      var rule = fieldset.querySelector('.rule');
      rule.parentNode.insertBefore(note, rule.nextSibling);
      fieldset.setAttribute('aria-describedby', fieldset.getAttribute('aria-describedby') + ' ' + note.id);
    }
    note.textContent = message || '';
    note.hidden = !message;
  }

  function updateOtherTexts(fieldset) {
    toArray(fieldset.querySelectorAll('.other-text')).forEach(function (text) {
      var option = document.getElementById(text.getAttribute('data-option'));
      text.disabled = !option.checked;
    });
  }

  function clearAnswers(fieldset) {
    choiceInputs(fieldset).forEach(function (input) { input.checked = false; });
    toArray(fieldset.querySelectorAll('.other-text, textarea')).forEach(function (text) { text.value = ''; });
    limitNote(fieldset, '');
    showError(fieldset, []);
    updateOtherTexts(fieldset);
  }

  /** Questions are in order and a condition names an earlier question, so one pass settles chains too. */
  function updateVisibility() {
    questions.forEach(function (fieldset) {
      var controllerId = fieldset.getAttribute('data-visible-if');
      if (!controllerId) return;
      var controller = byId[controllerId];
      var values = fieldset.getAttribute('data-visible-values').split(' ');
      var show = !!controller && !controller.hidden && chosen(controller).some(function (v) { return values.indexOf(v) >= 0; });
      if (show) {
        fieldset.hidden = false;
      } else if (!fieldset.hidden) {
        fieldset.hidden = true;
        clearAnswers(fieldset);
      }
    });
  }

  // A tick beyond the maximum is refused before it happens (also for a tap on the label, or Space on the box).
  form.addEventListener('click', function (event) {
    var input = event.target;
    if (input.type !== 'checkbox' || !input.checked) return;
    var fieldset = questionOf(input);
    var max = parseInt(fieldset.getAttribute('data-max'), 10);
    if (chosen(fieldset).length > max) {
      event.preventDefault();
      var label = fieldset.querySelector('label[for="' + input.id + '"]');
      limitNote(fieldset, '此题最多选择' + max + '项，已选满。如要选“' + (label ? label.textContent : '') + '”，请先取消已选的一项。');
    }
  });

  form.addEventListener('change', function (event) {
    var fieldset = questionOf(event.target);
    if (!fieldset) return;
    if (event.target.type === 'checkbox' && !event.target.checked) limitNote(fieldset, '');
    updateOtherTexts(fieldset);
    var justTicked = event.target.checked && fieldset.querySelector('.other-text[data-option="' + event.target.id + '"]');
    if (justTicked) justTicked.focus();
    updateVisibility();
  });

  function showError(fieldset, messages) {
    var error = document.getElementById(fieldset.id + '-error');
    error.textContent = messages.join(' ');
    error.hidden = messages.length === 0;
    if (messages.length) fieldset.setAttribute('aria-invalid', 'true'); else fieldset.removeAttribute('aria-invalid');
  }

  function showSummary(items, heading) {
    while (summary.firstChild) summary.removeChild(summary.firstChild);
    summary.hidden = items.length === 0;
    if (!items.length) return;
    var title = document.createElement('p');
    title.className = 'form-errors-title';
    title.textContent = heading || '提交的答案有误，未保存。请按照提示修改后重新提交：';
    summary.appendChild(title);
    var list = document.createElement('ul');
    items.forEach(function (item) {
      var li = document.createElement('li');
      if (item.href) {
        var link = document.createElement('a');
        link.href = item.href;
        link.textContent = item.text;
        li.appendChild(link);
      } else {
        li.textContent = item.text;
      }
      list.appendChild(li);
    });
    summary.appendChild(list);
    summary.focus();
    if (summary.scrollIntoView) summary.scrollIntoView();
  }

  function showProblem(statusCode, problem) {
    var errors = (problem && problem.errors) || {};
    var items = [];
    questions.forEach(function (fieldset, index) {
      var messages = errors[fieldset.getAttribute('data-question')] || [];
      showError(fieldset, messages);
      messages.forEach(function (m) { items.push({ text: '第' + (index + 1) + '题：' + m, href: '#' + fieldset.id }); });
    });
    Object.keys(errors).forEach(function (key) {
      if (!byId[key]) errors[key].forEach(function (m) { items.unshift({ text: m }); });
    });
    // A refused invitation code: also beside its field (questionnaires with codes).
    var codeError = document.getElementById('invitation-code-error');
    if (codeError) {
      var codeMessages = errors.invitationCode || [];
      codeError.textContent = codeMessages.join(' ');
      codeError.hidden = !codeMessages.length;
    }
    if (!items.length) {
      var text = problem && problem.title ? problem.title + (problem.detail ? '：' + problem.detail : '') : '提交失败（' + statusCode + '），请稍后重试。';
      items.push({ text: text });
    }
    showSummary(items);
  }

  function collect() {
    var body = { answers: {}, otherText: {}, text: {} };
    questions.forEach(function (fieldset) {
      if (fieldset.hidden) return;
      var id = fieldset.getAttribute('data-question');
      var textarea = fieldset.querySelector('textarea');
      if (textarea) {
        if (textarea.value !== '') body.text[id] = textarea.value;
        return;
      }
      var values = chosen(fieldset);
      if (values.length) body.answers[id] = values;
      var other = fieldset.querySelector('.other-text');
      if (other && !other.disabled && other.value !== '') body.otherText[id] = other.value;
    });
    return body;
  }

  // The invitation code (questionnaires that use codes) goes in its own header, never in the answers.
  function headers() {
    var result = { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Idempotency-Key': idempotencyKey };
    var code = document.getElementById('invitation-code');
    if (code) result['Invitation-Code'] = code.value.replace(/[^\x20-\x7e]/g, ''); // a header holds ASCII only
    return result;
  }

  function finish(message) {
    sending = false;
    button.disabled = false;
    status.textContent = message || '';
  }

  form.addEventListener('submit', function (event) {
    if (!window.fetch || !window.JSON) return; // very old browser: the classic POST does the work
    event.preventDefault();
    if (sending) return;
    sending = true;
    button.disabled = true;
    status.textContent = '正在提交，请稍候……';
    var body = JSON.stringify(collect());
    window.fetch(form.getAttribute('data-api'), {
      method: 'POST',
      credentials: 'omit',
      headers: headers(),
      body: body
    }).then(function (response) {
      if (response.status === 201) {
        status.textContent = '提交成功，正在跳转……';
        window.location.replace(form.getAttribute('data-thanks'));
        return;
      }
      return response.json().then(null, function () { return null; }).then(function (problem) {
        if (response.status === 429 || response.status >= 500) {
          // Busy, throttled or the database unavailable: nothing is wrong with the answers, which stay on the page.
          // The key is kept, so sending again stores the response at most once.
          var wait = response.headers.get('Retry-After');
          showSummary([{ text: problem && problem.detail ? problem.detail : '服务器繁忙，请稍后再次点击“提交问卷”，答案仍保留在页面上。' }],
            '答卷暂未保存：');
          finish(wait ? '请约' + wait + '秒后再次提交。' : '请稍后再次提交。');
          return;
        }
        if (response.status === 422) idempotencyKey = newKey(); // this page's key already holds a different, stored answer
        showProblem(response.status, problem);
        finish('未保存，请修改后重新提交。');
      });
    }, function () {
      // The request may or may not have reached the server: a retry reuses the key, so it is stored at most once.
      showSummary([{ text: '网络连接异常，答卷可能没有送达。请检查网络后再次点击“提交问卷”，不会重复提交。' }]);
      finish('网络异常，请重试。');
    });
  });

  questions.forEach(updateOtherTexts);
  updateVisibility();
})();
