/**
 * What a visitor reads after a plain HTML form post, in Russian and English. These pages are
 * shown by webhooks/, which may not import bot/locales, so their few words live here.
 */
export type FormPageLanguage = 'ru' | 'en';

export interface FormPageWords {
  thanksTitle: string;
  thanksText: string;
  errorTitle: string;
  back: string;
  noContact: string;
  badPhone: (phone: string) => string;
  badEmail: (email: string) => string;
  badField: (field: string, message: string) => string;
  tooLarge: string;
  tooMany: string;
  conflict: string;
  siteSetup: (status: number) => string;
  ourFault: string;
}

export const FORM_PAGE_WORDS: Record<FormPageLanguage, FormPageWords> = {
  ru: {
    thanksTitle: 'Спасибо, заявка отправлена',
    thanksText: 'Мы получили вашу заявку и скоро с вами свяжемся.',
    errorTitle: 'Заявка не отправлена',
    back: 'Вернуться на сайт',
    noContact: 'Укажите телефон или e-mail, чтобы мы могли с вами связаться.',
    badPhone: (phone) => `«${phone}» не похоже на номер телефона: проверьте номер.`,
    badEmail: (email) => `«${email}» не похоже на адрес e-mail: проверьте адрес.`,
    badField: (field, message) => `Проверьте поле «${field}»: ${message}`,
    tooLarge: 'Слишком много текста: сократите сообщение и отправьте ещё раз.',
    tooMany: 'Слишком много отправок подряд: подождите немного и отправьте ещё раз.',
    conflict: 'Эта заявка уже отправлялась с другими данными: обновите страницу и отправьте форму ещё раз.',
    siteSetup: (status) => `Форма на сайте настроена неверно (ошибка ${status}). Пожалуйста, сообщите об этом владельцу сайта.`,
    ourFault: 'Не удалось сохранить заявку из-за ошибки на нашей стороне. Попробуйте ещё раз через несколько минут.',
  },
  en: {
    thanksTitle: 'Thank you, your request was sent',
    thanksText: 'We have received your request and will contact you soon.',
    errorTitle: 'Your request was not sent',
    back: 'Back to the site',
    noContact: 'Enter a phone number or an email so that we can contact you.',
    badPhone: (phone) => `"${phone}" does not look like a phone number: check it.`,
    badEmail: (email) => `"${email}" does not look like an email address: check it.`,
    badField: (field, message) => `Check the field "${field}": ${message}`,
    tooLarge: 'Too much text: shorten the message and send it again.',
    tooMany: 'Too many submissions in a row: wait a little and send it again.',
    conflict: 'This request was already sent with other data: reload the page and send the form again.',
    siteSetup: (status) => `The form on this site is set up wrongly (error ${status}). Please tell the site owner.`,
    ourFault: 'Your request could not be saved because of an error on our side. Try again in a few minutes.',
  },
};
