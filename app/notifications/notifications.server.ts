/**
 * In-app notifications. Capabilities create rows in their own transactions with a kind
 * "<namespace>.<name>" and a payload of plain strings (including `href`); the page renders
 * each as the translation "<namespace>:notification.<name>" with the payload as parameters,
 * so a notification reads in whatever language its recipient uses today.
 */
import { prisma } from "~/db.server";
import { NAMESPACES } from "~/i18n/config";

export function unreadCount(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

export interface NotificationView {
  id: string;
  messageKey: string;
  params: Record<string, string>;
  href: string | null;
  createdAt: string;
  read: boolean;
}

export function notificationMessageKey(kind: string): string {
  const dot = kind.indexOf(".");
  const ns = kind.slice(0, dot);
  return dot > 0 && (NAMESPACES as readonly string[]).includes(ns) ? `${ns}:notification.${kind.slice(dot + 1)}` : "common:notification.generic";
}

export async function listNotifications(userId: string, take = 100): Promise<NotificationView[]> {
  const rows = await prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take });
  return rows.map((n) => {
    const payload = (n.payload ?? {}) as Record<string, unknown>;
    const params = Object.fromEntries(Object.entries(payload).filter(([, v]) => typeof v === "string" || typeof v === "number").map(([k, v]) => [k, String(v)]));
    const href = typeof payload.href === "string" && payload.href.startsWith("/") && !payload.href.startsWith("//") ? payload.href : null;
    return { id: n.id, messageKey: notificationMessageKey(n.kind), params, href, createdAt: n.createdAt.toISOString(), read: n.readAt !== null };
  });
}

export async function markRead(userId: string, ids: string[] | "all", now = new Date()) {
  // PostgreSQL text cannot hold U+0000: such an id names no notification.
  const where = ids === "all" ? { userId, readAt: null } : { userId, id: { in: ids.filter((id) => !id.includes("\u0000")) }, readAt: null };
  const { count } = await prisma.notification.updateMany({ where, data: { readAt: now } });
  return count;
}
