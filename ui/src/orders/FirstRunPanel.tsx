// 受注一覧 before any shop is connected: what to do first, instead of an empty list.
import type { ReactNode } from "react";

type Props = {
  /** Goes to モール詳細設定. */
  onOpenShops: () => void;
  /** The 「デモで試す」 button, rendered after the sentence about demo mode. */
  demoButton?: ReactNode;
};

export function FirstRunPanel({ onOpenShops, demoButton }: Props) {
  return (
    <section className="first-run" data-testid="first-run" aria-labelledby="first-run-title">
      <h1 className="first-run-title" id="first-run-title">
        Juchu へようこそ
      </h1>
      <p>まだショップが登録されていません。出店中のモールのショップを接続すると、そのショップの注文がこの受注一覧に表示されます。</p>
      <ol className="first-run-steps">
        <li>「モール詳細設定」で、出店中のモールのショップを接続します。</li>
        <li>「受注取得」ボタンで、注文を取り込みます（設定すると自動で取り込みます）。</li>
        <li>伝票番号を入力し、「発送情報の更新」ボタンでモールへ反映します。</li>
      </ol>
      <button type="button" className="primary first-run-action" data-testid="first-run-open-shops" onClick={onOpenShops}>
        最初のショップを接続する
      </button>
      <div className="first-run-demo" data-testid="first-run-demo">
        <p className="muted">
          まずは試してみたい場合は、デモモード（サンプルの注文と、練習用のモール）で Juchu を起動できます。
        </p>
        {demoButton}
      </div>
    </section>
  );
}
