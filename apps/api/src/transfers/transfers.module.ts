import { WorkflowModule } from '@lyg/workflow';
import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { TransferPdfRenderer } from './transfer-pdf.renderer';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

/** Transfer packages: JSON and PDF downloads for the receiving organisation and staff; PDFs rendered after commit. */
@Module({
  imports: [EvidenceModule, WorkflowModule],
  controllers: [TransfersController],
  providers: [TransfersService, TransferPdfRenderer],
  exports: [TransferPdfRenderer],
})
export class TransfersModule {}
