// A sentence of a wizard description: `**…**` marks what stands out; nothing else is markup.
import { Fragment } from "react";

export function RichText({ text }: { text: string }) {
  const parts = text.split("**");
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <b key={i}>{part}</b> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}
