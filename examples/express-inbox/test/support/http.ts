/** Deliveries over real HTTP, and the app's answer. */
export interface Delivery {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly json: Record<string, any> | undefined;
}

export async function send(url: string, delivery: Delivery): Promise<Answer> {
  const response = await fetch(url, { method: delivery.method ?? 'POST', headers: delivery.headers, body: delivery.body });
  const text = await response.text();
  let json: Record<string, any> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, any>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** The delivery with its body changed after signing (one byte more before the final brace). */
export function tamper<D extends Delivery>(delivery: D): D {
  return { ...delivery, body: delivery.body!.replace(/}\s*$/, ' }') };
}
