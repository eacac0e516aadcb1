/**
 * Words and phrases of the mock bots, per language. Deliberately tiny: enough for a deterministic
 * dialog (intent → slots → Complete) that tests and demos can script.
 */

export interface Lexicon {
  cancel: RegExp;
  greeting: RegExp;
  /** Intent BookServiceAppointment (slots: date, time). */
  book: RegExp;
  /** Intent CheckServiceStatus (no slots). */
  status: RegExp;
  today: RegExp;
  tomorrow: RegExp;
  noon: RegExp;
  weekdays: string[];
  say: {
    greeting: string;
    askDate: string;
    askTime: string;
    booked: (date: string, time: string) => string;
    status: string;
    notUnderstood: string;
    giveUp: string;
    cancelled: string;
    dateOptions: [string, string];
    timeOptions: [string, string];
  };
}

const EN: Lexicon = {
  cancel: /\b(cancel|stop|never ?mind|quit)\b/i,
  greeting: /\b(hi|hello|hey|good (morning|afternoon|evening))\b/i,
  book: /\b(book|schedule|appointment|reserve)\b/i,
  status: /\b(status|is my (car|vehicle) ready|ready yet)\b/i,
  today: /\btoday\b/i,
  tomorrow: /\btomorrow\b/i,
  noon: /\bnoon\b/i,
  weekdays: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
  say: {
    greeting: 'Hi! I can book a service appointment or check the status of your vehicle.',
    askDate: 'Sure. What day would you like to bring your vehicle in?',
    askTime: 'What time works for you?',
    booked: (date, time) => `You're all set: your service appointment is booked for ${date} at ${time}.`,
    status: 'Your vehicle is in the service bay; we will text you when it is ready.',
    notUnderstood: "Sorry, I didn't get that. You can say, for example, \"book a service appointment\".",
    giveUp: "Sorry, I can't help with that. Please call the service desk.",
    cancelled: "OK, I've cancelled that.",
    dateOptions: ['Today', 'Tomorrow'],
    timeOptions: ['9:00 AM', '2:00 PM'],
  },
};

const ES: Lexicon = {
  cancel: /\b(cancelar|olv[ií]dalo|basta)\b/i,
  greeting: /\b(hola|buenos d[ií]as|buenas tardes)\b/i,
  book: /\b(cita|reservar|agendar)\b/i,
  status: /\b(estado|est[aá] listo)\b/i,
  today: /\bhoy\b/i,
  tomorrow: /\bma[ñn]ana\b/i,
  noon: /\bmediod[ií]a\b/i,
  weekdays: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
  say: {
    greeting: '¡Hola! Puedo agendar una cita de servicio o consultar el estado de su vehículo.',
    askDate: 'Claro. ¿Qué día quiere traer su vehículo?',
    askTime: '¿A qué hora le conviene?',
    booked: (date, time) => `Listo: su cita de servicio quedó agendada para el ${date} a las ${time}.`,
    status: 'Su vehículo está en el taller; le enviaremos un mensaje cuando esté listo.',
    notUnderstood: 'Perdón, no entendí. Puede decir, por ejemplo, "agendar una cita".',
    giveUp: 'Lo siento, no puedo ayudarle con eso. Por favor llame al taller.',
    cancelled: 'De acuerdo, lo he cancelado.',
    dateOptions: ['Hoy', 'Mañana'],
    timeOptions: ['9:00', '14:00'],
  },
};

export function lexiconFor(languageCode: string): Lexicon {
  return languageCode.toLowerCase().startsWith('es') ? ES : EN;
}
