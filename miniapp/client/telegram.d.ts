/** The part of telegram-web-app.js the page uses. */
interface TelegramWebApp {
  initData: string;
  colorScheme?: 'light' | 'dark';
  ready(): void;
  expand(): void;
  HapticFeedback?: { notificationOccurred?(kind: 'success' | 'error' | 'warning'): void };
  BackButton?: { show(): void; hide(): void; onClick(fn: () => void): void; offClick(fn: () => void): void };
}
interface Window {
  Telegram?: { WebApp?: TelegramWebApp };
}
