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
  /** The first API calls, started by the page's inline script before this code arrived (miniapp/page.ts). */
  crmEarly?: Record<string, Promise<Response> | undefined>;
}
