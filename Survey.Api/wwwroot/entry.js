// The organiser's paper-form entry screen (/admin/q/{id}/entry), keyboard only. External file: the CSP forbids
// inline scripts. Without it the page is a plain form that posts and comes back blank or with the errors.
//   1-9, 0, then Q W E R T Y U I O P: tick the current question's options (again: untick); a single choice replaces.
//   Enter: next shown question (conditions respected); on the last one: submit, then a blank form with focus on 1.
//   Up arrow or Backspace: previous question. In an "other" text or a text answer, Enter moves on (Shift+Enter: new line).
(function () {
  'use strict';
  var form = document.getElementById('entry-form');
  if (!form) return;
  var KEYS = '1234567890QWERTYUIOP';
  var questions = Array.prototype.slice.call(form.querySelectorAll('fieldset.entry-question'));
  var byId = {};
  questions.forEach(function (q) { byId[q.getAttribute('data-question')] = q; });
  var current = 0;
  var countEl = document.getElementById('entry-count');
  var savedEl = document.getElementById('entry-saved');
  var errorsEl = document.getElementById('entry-errors');
  // A questionnaire with invitation codes: the code printed on the paper copy comes first; Enter there goes to question 1.
  var codeEl = document.getElementById('entry-code');
  var codeErrorEl = document.getElementById('entry-code-error');
  var submitting = false;

  function toArray(list) { return Array.prototype.slice.call(list); }
  function inputs(q) { return toArray(q.querySelectorAll('input[type="radio"], input[type="checkbox"]')); }
  function chosen(q) { return inputs(q).filter(function (i) { return i.checked; }).map(function (i) { return i.value; }); }

  function updateVisibility() {
    questions.forEach(function (q) {
      var controllerId = q.getAttribute('data-visible-if');
      if (!controllerId) return;
      var controller = byId[controllerId];
      var values = q.getAttribute('data-visible-values').split(' ');
      var show = !!controller && !controller.hidden && chosen(controller).some(function (v) { return values.indexOf(v) >= 0; });
      if (!show) {
        // A hidden question has no answer (the validator refuses one), so what was ticked there is cleared.
        inputs(q).forEach(function (i) { i.checked = false; });
        toArray(q.querySelectorAll('.other-text, textarea')).forEach(function (t) { t.value = ''; });
      }
      q.hidden = !show;
    });
  }

  function visibleIndexes() {
    var list = [];
    questions.forEach(function (q, i) { if (!q.hidden) list.push(i); });
    return list;
  }

  function focusQuestion(index) {
    questions.forEach(function (q) { q.classList.remove('current'); });
    current = index;
    var q = questions[index];
    if (!q) return;
    q.classList.add('current');
    var text = q.querySelector('textarea');
    if (text) text.focus(); else q.focus();
    q.scrollIntoView({ block: 'center' });
  }

  function next() {
    updateVisibility();
    var shown = visibleIndexes();
    var after = shown.filter(function (i) { return i > current; });
    if (after.length === 0) { submit(); return; }
    focusQuestion(after[0]);
  }

  function previous() {
    updateVisibility();
    var before = visibleIndexes().filter(function (i) { return i < current; });
    if (before.length > 0) focusQuestion(before[before.length - 1]);
  }

  function tick(q, index) {
    var list = inputs(q);
    var input = list[index];
    if (!input) return;
    input.checked = !input.checked; // a single choice: another key replaces it (radio), the same key clears it
    var other = input.parentNode.querySelector('.other-text');
    updateVisibility();
    if (other && input.checked) other.focus();
    if (other && !input.checked) other.value = '';
  }

  function showErrors(errors) {
    var items = [];
    var first = -1;
    questions.forEach(function (q, index) {
      var messages = errors[q.getAttribute('data-question')] || [];
      var p = q.querySelector('.error');
      p.textContent = messages.join(' ');
      p.hidden = messages.length === 0;
      q.classList.toggle('has-error', messages.length > 0);
      if (messages.length > 0 && first < 0) first = index;
      messages.forEach(function (m) { items.push('第' + (index + 1) + '题：' + m); });
    });
    Object.keys(errors).forEach(function (key) {
      if (!byId[key]) errors[key].forEach(function (m) { items.push(m); });
    });
    if (codeErrorEl) {
      var codeMessages = errors.invitationCode || [];
      codeErrorEl.textContent = codeMessages.join(' ');
      codeErrorEl.hidden = codeMessages.length === 0;
      codeErrorEl.parentNode.classList.toggle('has-error', codeMessages.length > 0);
    }
    errorsEl.textContent = '';
    if (items.length > 0) {
      var heading = document.createElement('p');
      heading.textContent = '这份问卷未保存，请按提示改正后再按 Enter 提交：';
      var ul = document.createElement('ul');
      items.forEach(function (text) { var li = document.createElement('li'); li.textContent = text; ul.appendChild(li); });
      errorsEl.appendChild(heading);
      errorsEl.appendChild(ul);
    }
    errorsEl.hidden = items.length === 0;
    return first;
  }

  function reset(answer) {
    // The paper's date stays for the next form (a stack is usually from one day); everything else is cleared.
    var date = form.elements.filledOn ? form.elements.filledOn.value : '';
    form.reset();
    if (form.elements.filledOn) form.elements.filledOn.value = date;
    toArray(form.querySelectorAll('input[type="radio"], input[type="checkbox"]')).forEach(function (i) { i.checked = false; });
    toArray(form.querySelectorAll('.other-text, textarea')).forEach(function (t) { t.value = ''; });
    form.elements.key.value = answer.key;
    form.elements.count.value = answer.count;
    if (answer.nextNumber && form.elements.number) form.elements.number.value = answer.nextNumber;
    countEl.textContent = answer.count;
    savedEl.textContent = answer.message ? '（' + answer.message + '）' : '';
    showErrors({});
    updateVisibility();
    if (codeEl) { codeEl.value = ''; focusQuestion(visibleIndexes()[0]); codeEl.focus(); return; }
    focusQuestion(visibleIndexes()[0]);
  }

  function submit() {
    if (submitting) return;
    submitting = true;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; },
          function () { return { ok: false, answer: { errors: { '$': ['保存失败（' + response.status + '），请再按 Enter 重试。'] } } }; });
      })
      .then(function (result) {
        if (result.ok && result.answer.saved) { reset(result.answer); return; }
        var first = showErrors(result.answer.errors || {});
        if (result.answer.key && result.answer.errors && result.answer.errors['$'] && !result.ok) form.elements.key.value = result.answer.key;
        if (codeEl && result.answer.errors && result.answer.errors.invitationCode) { codeEl.focus(); codeEl.select(); return; }
        focusQuestion(first >= 0 ? first : current);
      }, function () {
        showErrors({ '$': ['网络中断，这份问卷未保存，请再按 Enter 重试。'] });
      })
      .then(function () { submitting = false; });
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); submit(); });

  form.addEventListener('focusin', function (event) {
    var q = event.target.closest && event.target.closest('fieldset.entry-question');
    if (q && questions.indexOf(q) !== current) {
      questions.forEach(function (x) { x.classList.remove('current'); });
      current = questions.indexOf(q);
      q.classList.add('current');
    }
  });

  form.addEventListener('change', function () { updateVisibility(); });

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    var target = event.target;
    var inText = target.matches && (target.matches('textarea, input[type="text"], input[type="number"], input[type="date"]'));
    if (inText) {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        // From the number or the date at the top: to question 1; from a text: on to the next question.
        if (!target.closest('fieldset.entry-question')) focusQuestion(visibleIndexes()[0]); else next();
      } else if (event.key === 'Escape') {
        var q = target.closest('fieldset.entry-question');
        if (q) q.focus();
      }
      return;
    }
    if (event.key === 'Enter') { event.preventDefault(); next(); return; }
    if (event.key === 'ArrowUp' || event.key === 'Backspace') { event.preventDefault(); previous(); return; }
    if (event.key === 'ArrowDown') { event.preventDefault(); var after = visibleIndexes().filter(function (i) { return i > current; }); if (after.length) focusQuestion(after[0]); return; }
    var index = event.key.length === 1 ? KEYS.indexOf(event.key.toUpperCase()) : -1;
    if (index >= 0 && questions[current]) { event.preventDefault(); tick(questions[current], index); }
  });

  updateVisibility();
  var firstError = questions.findIndex(function (q) { return q.classList.contains('has-error'); });
  focusQuestion(firstError >= 0 ? firstError : visibleIndexes()[0]);
  if (codeEl && (firstError < 0 || (codeErrorEl && !codeErrorEl.hidden))) codeEl.focus();
})();
