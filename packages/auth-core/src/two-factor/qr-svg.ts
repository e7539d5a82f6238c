import QRCode from 'qrcode';

/**
 * A QR code of `text` as an inline SVG document, made on the server: the TOTP secret never goes
 * to an outside QR service, and the page needs no script (the CSP stays `script-src 'self'`).
 * Error correction M, a 4-module quiet zone, black on white.
 *
 * @example
 * const svg = await qrSvg(otpauthUri({ secret, issuer: 'Shop', account: user.username }));
 * ctx.render('two-factor-setup.njk', { qr: svg }); // rendered with `| safe`: it is our own markup
 */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
}
