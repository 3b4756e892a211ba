// Field errors beside their fields: each problem's errors[].field is matched to the control whose
// data-field names it; the message goes into that field's error element, which the control's
// aria-describedby names, and the control is marked aria-invalid. What names no control is shown for the form.

import { el } from './dom.js';
import { t } from './i18n.js';

/** Removes every field error and the form's own error. */
export function clearFieldErrors(form) {
  form.querySelectorAll('[data-field]').forEach((control) => {
    control.removeAttribute('aria-invalid');
    const errorId = `${control.id}-error`;
    const described = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter((id) => id && id !== errorId);
    if (described.length) {
      control.setAttribute('aria-describedby', described.join(' '));
    } else {
      control.removeAttribute('aria-describedby');
    }
    const error = document.getElementById(errorId);
    if (error) {
      error.remove();
    }
  });
  const general = form.querySelector('.form-error');
  if (general) {
    general.textContent = '';
    general.hidden = true;
  }
}

/**
 * Shows each error beside its field; returns the first control shown with an error (to move focus there), or
 * the form's own error element when only that got one.
 */
export function showFieldErrors(form, errors) {
  clearFieldErrors(form);
  let first = null;
  const unplaced = [];
  errors.forEach(({ field, message }) => {
    const control = form.querySelector(`[data-field="${CSS.escape(String(field))}"]`);
    if (!control) {
      unplaced.push(`${field}: ${message}`);
      return;
    }
    const errorId = `${control.id}-error`;
    let error = document.getElementById(errorId);
    if (!error) {
      error = el('p', { id: errorId, class: 'field-error' });
      control.insertAdjacentElement('afterend', error);
    }
    error.textContent = error.textContent ? `${error.textContent} ${message}` : t('fieldError', { message });
    control.setAttribute('aria-invalid', 'true');
    const described = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (!described.includes(errorId)) {
      control.setAttribute('aria-describedby', [...described, errorId].join(' '));
    }
    first = first || control;
  });
  if (unplaced.length) {
    const general = showFormError(form, unplaced.join(' '));
    first = first || general;
  }
  return first;
}

/** The form's own error line (role=alert inside the form), for what belongs to no single field. */
export function showFormError(form, text) {
  const general = form.querySelector('.form-error');
  general.textContent = text;
  general.hidden = !text;
  return general;
}

/**
 * A command the service refused, shown in its form: field errors beside their fields (focus on the first), a 403
 * as not allowed, anything else with its status and the problem's detail.
 */
export function showRefusal(form, error) {
  if (error.status === 400 && error.fieldErrors.length) {
    const first = showFieldErrors(form, error.fieldErrors);
    if (first) {
      first.focus();
    }
  } else if (error.status === 403) {
    showFormError(form, t('reportForbidden'));
  } else {
    showFormError(form, t('reportRefused', { status: error.status,
      detail: error.problem && error.problem.detail ? error.problem.detail : '' }).trim());
  }
}
