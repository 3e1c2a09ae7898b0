/**
 * The team chat sees no contact data of a client: phone numbers and emails a client typed are masked
 * before any excerpt of their words is posted there.
 */
export function maskContacts(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '•••@•••')
    .replace(/\+?\d[\d\s\-().]{5,}\d/g, (m) => (m.replace(/\D/g, '').length >= 6 ? '•••' : m));
}
