import { IconReceipt } from './icons';
import classes from './brand-mark.module.css';

/** The product's mark: a receipt on the brand colour. Decorative; the name is always beside it. */
export function BrandMark({ size = 30 }: { size?: number }) {
  return (
    <span className={classes.mark} style={{ width: size, height: size }} aria-hidden="true">
      <IconReceipt size={Math.round(size * 0.62)} strokeWidth={2} />
    </span>
  );
}
