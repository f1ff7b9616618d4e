const endpoints = [
  ['POST /api/webhooks/atomic', 'Atomic (App Router)'], // @provider atomic
  ['POST /api/webhooks/moneyhub', 'Moneyhub (App Router)'], // @provider moneyhub
  ['POST /api/webhooks/atelio', 'Atelio (App Router)'], // @provider atelio
  ['POST /api/webhooks/atomic-pages', 'Atomic (Pages Router)'], // @provider atomic
] as const;

export default function Home() {
  return (
    <main>
      <h1>finhooks × Next.js</h1>
      <p>Webhook endpoints, verified, validated and de-duplicated by @finhooks/next:</p>
      <ul>
        {endpoints.map(([endpoint, label]) => (
          <li key={endpoint}>
            <code>{endpoint}</code> — {label}
          </li>
        ))}
      </ul>
    </main>
  );
}
