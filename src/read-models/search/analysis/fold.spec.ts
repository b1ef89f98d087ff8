import { fold } from './fold.js';

describe('fold', () => {
  test.each([
    ['Pérez', 'perez'],
    ['BANJIR', 'banjir'],
    ['Jakarta Utara', 'jakarta utara'],
    ['ＡＢＣ１２', 'abc12'],
    ['ﬁnal', 'final'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['İstanbul', 'istanbul'],
    ['Ærø', 'aero'],
    ['Nguyễn', 'nguyen'],
    ['Ελλάς', 'ελλασ'],
  ])('%s → %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });
});
